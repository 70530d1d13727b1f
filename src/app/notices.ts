// Messages for the user above the charts (what a link ignored, an embed command refused):
// a tiny vanilla store so code outside React (the embed bridge, hash handling) can add them.
import { createStore } from 'zustand/vanilla';

export interface NoticesState {
  messages: string[];
  add(...messages: string[]): void;
  replace(messages: string[]): void;
  dismiss(): void;
}

export const notices = createStore<NoticesState>()((set, get) => ({
  messages: [],
  add: (...messages) => set({ messages: [...get().messages, ...messages.filter((m) => !get().messages.includes(m))] }),
  replace: (messages) => set({ messages }),
  dismiss: () => set({ messages: [] }),
}));
