import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Rules = ReturnType<Lookup>;
type Target = Parameters<Lookup>[0];

const remembered = new WeakSet<Storage>();

/**
 * class-validator finds a class's rules on every validation by testing every decorated class of
 * the application for inheritance, so each request body's validation grows slower as the service
 * gains DTOs. A class's rules are complete once it is defined (its decorators ran at import, its
 * parents' before it), so the lookup's answer is kept per class and options.
 */
export function rememberValidationRules(): void {
  const storage = getMetadataStorage();
  if (remembered.has(storage)) return;
  remembered.add(storage);
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const answers = new Map<Target, Map<string, Rules>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = `${schema}|${always}|${strictGroups}|${groups?.join('\u0000') ?? ''}`;
    let byOptions = answers.get(target);
    if (!byOptions) answers.set(target, (byOptions = new Map<string, Rules>()));
    let rules = byOptions.get(options);
    if (!rules)
      byOptions.set(options, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
}
