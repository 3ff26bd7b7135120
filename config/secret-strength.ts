/**
 * Secret keys (JWT signing, identifier encryption, …) must not be a value anyone can read in the
 * repository, nor one short or repetitive enough to guess. Development and test runs may use the
 * examples; every other NODE_ENV (production, or none at all) refuses to start with them.
 */

/** Every secret value shipped in the repository (config/.env.example, docker/docker-compose.yml). */
export const SHIPPED_SECRETS: readonly string[] = [
  'change-me-placeholder-jwt-secret-0123456789abcde',
  // The identifier keys of config/.env.example (IDENTIFIER_KEYS dev1, IDENTIFIER_INDEX_KEY).
  'bd5yM8a68lwZnfdMBcpaM5g2YWg+ctroJDwdpqwSjBY=',
  'iXPYqQHHSJ9COKDACL2fAicGM93EYOcg2qbZCQhHRTM=',
];

export const MIN_SECRET_LENGTH = 32;
export const MIN_DISTINCT_CHARACTERS = 10;

/** Fragments that mark an example value someone forgot to replace. */
const PLACEHOLDER_MARKS = ['change-me', 'changeme', 'placeholder'];

const LENIENT_ENVIRONMENTS = ['development', 'test'];

/** Why `value` is not a strong secret, or null when it is. */
export function secretWeakness(value: string): string | null {
  if (SHIPPED_SECRETS.includes(value)) return 'is the example value shipped in the repository';
  const lower = value.toLowerCase();
  if (PLACEHOLDER_MARKS.some((mark) => lower.includes(mark))) {
    return 'still looks like a placeholder';
  }
  if (value.length < MIN_SECRET_LENGTH) {
    return `is shorter than ${MIN_SECRET_LENGTH} characters`;
  }
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) {
    return `has fewer than ${MIN_DISTINCT_CHARACTERS} distinct characters`;
  }
  return null;
}

/**
 * Stops start-up when the secret named `name` is weak, unless NODE_ENV is development or test.
 * The message names the variable and how to make one, never the value.
 */
export function assertStrongSecret(name: string, value: string, nodeEnv: string | undefined): void {
  if (nodeEnv !== undefined && LENIENT_ENVIRONMENTS.includes(nodeEnv)) return;
  const weakness = secretWeakness(value);
  if (weakness) {
    throw new Error(
      `Invalid configuration:\n  ${name}: ${weakness}; NODE_ENV=${nodeEnv ?? '(unset)'} needs a ` +
        `random secret of at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -base64 48)`,
    );
  }
}
