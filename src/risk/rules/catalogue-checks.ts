import type { ErrorDetail } from '../../core/errors/domain.error';
import { DERIVED_FACTOR_CODES } from './derived-factors';
import type { CatalogueFactor } from './national-catalogue';

/** A catalogue must keep every derived factor, so grading from recorded data works the same. */
export function checkCatalogue(factors: readonly CatalogueFactor[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  factors.forEach((factor, index) => {
    if (seen.has(factor.code)) {
      problems.push({
        field: `factors[${index}].code`,
        rule: 'unique',
        message: `${factor.code} appears twice`,
      });
    }
    seen.add(factor.code);
    if (factor.colour === null && !factor.purple) {
      problems.push({
        field: `factors[${index}].colour`,
        rule: 'colourOrPurple',
        message: 'a factor needs a colour, or purple for an infectious disease',
      });
    }
    if (factor.colour === 'green') {
      problems.push({
        field: `factors[${index}].colour`,
        rule: 'notGreen',
        message: 'green is no risk factor',
      });
    }
  });
  for (const code of DERIVED_FACTOR_CODES) {
    const factor = factors.find((f) => f.code === code);
    if (!factor || factor.origin !== 'derived') {
      problems.push({
        field: 'factors',
        rule: 'derivedFactorsPresent',
        message: `${code} must be in the catalogue as a derived factor`,
      });
    }
  }
  return problems;
}
