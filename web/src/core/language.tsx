import { createContext, useContext, useState, type ReactNode } from 'react';

export type Language = 'zh' | 'en';

/** One dictionary per feature: Chinese first, English the second language. */
export type Dictionary<K extends string> = Record<Language, Record<K, string>>;

const LanguageContext = createContext<{ language: Language; setLanguage: (l: Language) => void }>({
  language: 'zh',
  setLanguage: () => undefined,
});

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>('zh');
  return (
    <LanguageContext.Provider value={{ language, setLanguage }}>
      {children}
    </LanguageContext.Provider>
  );
}

export function useLanguage() {
  return useContext(LanguageContext);
}

/** The words of a feature's dictionary in the chosen language. */
export function useText<K extends string>(dictionary: Dictionary<K>): Record<K, string> {
  return dictionary[useLanguage().language];
}

/** A dictionary entry with its `{name}` placeholders filled in. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** A dictionary of an enum's labels as picklist options, in the dictionary's order. */
export function optionsOf<K extends string>(labels: Record<K, string>) {
  return (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
}
