import { IsInt, IsString, validate } from 'class-validator';
import { rememberValidationRules } from './validation-metadata';

class Measured {
  @IsInt()
  weight: unknown;
}

class Visit extends Measured {
  @IsString()
  note: unknown;
}

const failedFields = async (object: object) =>
  (await validate(object, { whitelist: true, forbidNonWhitelisted: true }))
    .map((e) => e.property)
    .sort();

describe('rememberValidationRules', () => {
  beforeAll(() => rememberValidationRules());

  it("keeps a class's own and inherited rules, the same on every validation", async () => {
    const visit = Object.assign(new Visit(), { weight: 'heavy', note: 7 });
    expect(await failedFields(visit)).toEqual(['note', 'weight']);
    expect(await failedFields(visit)).toEqual(['note', 'weight']);
    expect(await failedFields(Object.assign(new Measured(), { weight: 'heavy', note: 7 }))).toEqual(
      ['note', 'weight'],
    );
  });

  it('finds the rules of a class defined after the first validations', async () => {
    class Delivery extends Measured {
      @IsInt()
      babies: unknown;
    }
    expect(await failedFields(Object.assign(new Delivery(), { weight: 1, babies: 'two' }))).toEqual(
      ['babies'],
    );
  });
});
