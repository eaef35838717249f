import { en } from './en.js';
import { fi, type MessageKey } from './fi.js';

export type Language = 'fi' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const dictionaries: Record<Language, Record<MessageKey, string>> = { fi, en };

export function translator(language: Language): Translate {
  const dict = dictionaries[language];
  return (key, params) => {
    const text = dict[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

export function isMessageKey(key: string): key is MessageKey {
  return key in fi;
}
