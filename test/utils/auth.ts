import { TEST_PASSWORD } from '../factories/people.factory';
import type { TestApp } from './test-app';

export function loginWith(testApp: TestApp) {
  return async (username: string, password = TEST_PASSWORD): Promise<string> => {
    const response = await testApp
      .http()
      .post('/auth/login')
      .send({ username, password })
      .expect(200);
    return (response.body as { accessToken: string }).accessToken;
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
