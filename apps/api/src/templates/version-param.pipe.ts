import { NotFoundException, PipeTransform } from '@nestjs/common';

/** A version in a path is a positive whole number; anything else names no version (404, as a malformed id). */
export class VersionParamPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const version = /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : NaN;
    if (Number.isNaN(version)) throw new NotFoundException(`Template version ${value} not found`);
    return version;
  }
}
