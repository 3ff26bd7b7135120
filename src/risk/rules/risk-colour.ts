/** Five-colour risk grading (妊娠风险五色管理); see DOMAIN.md §4. */
export const RISK_COLOURS = ['green', 'yellow', 'orange', 'red'] as const; // ordered low → high
export type RiskColour = (typeof RISK_COLOURS)[number];

export interface GradedFactor {
  code: string;
  colour: RiskColour | null; // null = a purple-only factor (an infectious disease)
  purple: boolean;
}

export interface Grading {
  colour: RiskColour;
  purple: boolean; // PURPLE is a flag beside the colour, never a fifth rank
}

export function colourRank(colour: RiskColour): number {
  return RISK_COLOURS.indexOf(colour);
}

export function highestColour(colours: readonly RiskColour[]): RiskColour {
  return colours.reduce<RiskColour>(
    (highest, colour) => (colourRank(colour) > colourRank(highest) ? colour : highest),
    'green',
  );
}

export function grade(factors: readonly GradedFactor[]): Grading {
  const colours = factors.flatMap((f) => (f.colour === null ? [] : [f.colour]));
  return { colour: highestColour(colours), purple: factors.some((f) => f.purple) };
}

/** ORANGE, RED and PURPLE enter high-risk case management (高危专案管理). */
export function isHighRisk(grading: Grading): boolean {
  return grading.purple || colourRank(grading.colour) >= colourRank('orange');
}
