import { notifications } from '@mantine/notifications';

/**
 * A short confirmation in the corner ("Draft saved."). Mantine's notification close button has
 * no accessible name of its own (axe: button-name, serious), so it gets one here.
 */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': 'Dismiss' } });
}
