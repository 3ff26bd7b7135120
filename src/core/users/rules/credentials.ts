/** What a username and a password must be: checked by the service, shown by the browser. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
