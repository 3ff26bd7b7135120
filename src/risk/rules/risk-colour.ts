/** Five-colour risk grading (妊娠风险五色管理); see DOMAIN.md §4. */
export const RISK_COLOURS = ['green', 'yellow', 'orange', 'red'] as const; // ordered low → high
export type RiskColour = (typeof RISK_COLOURS)[number];

/** The colours as the 2017 规范 and the health bureau name them. */
export const RISK_COLOUR_NAMES: Readonly<Record<RiskColour, { zh: string; en: string }>> = {
  green: { zh: '绿色', en: 'GREEN' },
  yellow: { zh: '黄色', en: 'YELLOW' },
  orange: { zh: '橙色', en: 'ORANGE' },
  red: { zh: '红色', en: 'RED' },
};

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
