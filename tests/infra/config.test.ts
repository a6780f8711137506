import { describe, expect, it } from 'vitest';
import { INFRA_DEFAULTS, InfraConfigError, readInfraConfig } from '../../infra/config.ts';

const contextOf =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

describe('readInfraConfig', () => {
  it('uses the documented defaults when the context is empty', () => {
    expect(readInfraConfig(contextOf({}))).toEqual(INFRA_DEFAULTS);
    expect(INFRA_DEFAULTS).toMatchObject({
      prefix: 'articles/',
      memorySize: 1024,
      timeoutSeconds: 120,
      removalPolicy: 'retain',
      alarmEmail: undefined,
      summarySentences: undefined,
    });
  });

  it.each([
    // `cdk deploy -c key=value` always passes strings; cdk.json passes JSON types.
    ['strings from the command line', { memorySize: '1024', summarySentences: '5', maxConcurrency: '10' }],
    ['numbers from cdk.json', { memorySize: 1024, summarySentences: 5, maxConcurrency: 10 }],
  ])('reads numbers given as %s', (_, context) => {
    expect(readInfraConfig(contextOf(context))).toMatchObject({
      memorySize: 1024,
      summarySentences: 5,
      maxConcurrency: 10,
    });
  });

  it.each([
    ['an Arabic prefix', 'مقالات/'],
    ['a nested prefix', 'news/2026/'],
    ['a prefix with spaces', 'my articles/'],
  ])('accepts %s', (_, prefix) => {
    expect(readInfraConfig(contextOf({ prefix })).prefix).toBe(prefix);
  });

  it('reads the alarm e-mail and the opt-out of retention', () => {
    const config = readInfraConfig(contextOf({ alarmEmail: 'ops@example.com', removalPolicy: 'destroy' }));
    expect(config.alarmEmail).toBe('ops@example.com');
    expect(config.removalPolicy).toBe('destroy');
  });

  it.each([
    ['prefix', 'articles', /ending in "\/"/],
    ['prefix', '/articles/', /prefix/],
    ['prefix', 'art*/', /wildcards/],
    ['memorySize', '64', /memorySize.*128 to 10240/],
    ['memorySize', '512MB', /memorySize/],
    ['timeoutSeconds', 901, /timeoutSeconds/],
    ['summarySentences', 0, /summarySentences/],
    ['maxConcurrency', 1, /maxConcurrency.*2/],
    ['maxArticleBytes', 1.5, /maxArticleBytes/],
    ['logRetentionDays', 10, /logRetentionDays.*one of/],
    ['alarmEmail', 'ops-at-example.com', /alarmEmail/],
    ['removalPolicy', 'snapshot', /"retain" or "destroy"/],
    ['removalPolicy', true, /removalPolicy.*string/],
  ])('refuses %s = %j with a message naming it', (key, value, message) => {
    expect(() => readInfraConfig(contextOf({ [key]: value }))).toThrow(InfraConfigError);
    expect(() => readInfraConfig(contextOf({ [key]: value }))).toThrow(message);
  });
});
