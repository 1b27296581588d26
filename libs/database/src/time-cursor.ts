/** Keyset position of a page ordered by (created_at, id): the last row of the previous page. */
export interface TimeCursor {
  createdAt: Date;
  id: string;
}
