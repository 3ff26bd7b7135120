import { Space, Tag } from 'antd';
import { useText, type Dictionary } from '../core/language';

export type Colour = 'green' | 'yellow' | 'orange' | 'red';

const TEXT: Dictionary<Colour | 'purple' | 'unscreened'> = {
  zh: {
    green: '绿色',
    yellow: '黄色',
    orange: '橙色',
    red: '红色',
    purple: '紫色',
    unscreened: '未筛查',
  },
  en: {
    green: 'Green',
    yellow: 'Yellow',
    orange: 'Orange',
    red: 'Red',
    purple: 'Purple',
    unscreened: 'Not screened',
  },
};

/** Tag colours dark enough for white text (WCAG AA), yellow with dark text. */
const STYLE: Record<Colour, { background: string; color: string }> = {
  green: { background: '#237804', color: '#fff' },
  yellow: { background: '#fadb14', color: '#262626' },
  orange: { background: '#ad4e00', color: '#fff' },
  red: { background: '#a8071a', color: '#fff' },
};
const PURPLE = { background: '#531dab', color: '#fff' };

/** One colour of the five, as a tag: a factor's colour, or PURPLE. */
export function ColourTag({ colour }: { colour: Colour | 'purple' }) {
  const text = useText(TEXT);
  const style = colour === 'purple' ? PURPLE : STYLE[colour];
  return (
    <Tag style={{ ...style, border: 'none' }} data-colour={colour}>
      {text[colour]}
    </Tag>
  );
}

/** 五色: the latest grading's colour, with PURPLE (infectious disease) beside it. */
export function ColourBadge({ colour, purple }: { colour?: Colour | null; purple?: boolean }) {
  const text = useText(TEXT);
  return (
    <Space size={4}>
      {colour ? <ColourTag colour={colour} /> : <Tag>{text.unscreened}</Tag>}
      {purple && <ColourTag colour="purple" />}
    </Space>
  );
}
