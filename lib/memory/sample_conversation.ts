/**
 * A tiny self-written conversation (not LOCOMO text) for tests, examples and notebooks.
 *
 * @module
 */

import type { Conversation } from "../data/mod.ts";

/**
 * A two-session conversation between Ana and Ben with an image caption, two generated
 * observations and a generated session summary.
 *
 * @example
 * ```ts
 * import { sampleConversation } from "./sample_conversation.ts";
 * sampleConversation().sessions.length; // 2
 * ```
 */
export function sampleConversation(): Conversation {
  return {
    sampleId: "sample-1",
    speakerA: "Ana",
    speakerB: "Ben",
    sessions: [
      {
        index: 1,
        dateTime: "9:00 am on 3 March, 2024",
        date: "2024-03-03T09:00:00",
        turns: [
          { speaker: "Ana", diaId: "D1:1", text: "Hi Ben! I started pottery classes last week." },
          { speaker: "Ben", diaId: "D1:2", text: "Nice! What did you make first?" },
          {
            speaker: "Ana",
            diaId: "D1:3",
            text: "A small blue bowl. Here it is.",
            imageCaption: "a photo of a blue ceramic bowl on a table",
          },
          { speaker: "Ben", diaId: "D1:4", text: "I went hiking in the mountains yesterday." },
        ],
      },
      {
        index: 2,
        dateTime: "6:30 pm on 20 April, 2024",
        date: "2024-04-20T18:30:00",
        turns: [
          { speaker: "Ben", diaId: "D2:1", text: "My sister adopted a puppy named Biscuit." },
          { speaker: "Ana", diaId: "D2:2", text: "How lovely! Dogs are such good company." },
          { speaker: "Ben", diaId: "D2:3", text: "We take Biscuit to the beach every Sunday." },
          { speaker: "Ana", diaId: "D2:4", text: "I sold my first vase at the market today!" },
        ],
      },
    ],
    observations: [
      { session: 1, speaker: "Ana", text: "Ana takes pottery classes.", diaIds: ["D1:1"] },
      { session: 2, speaker: "Ben", text: "Ben's sister has a puppy.", diaIds: ["D2:1"] },
    ],
    sessionSummaries: [{ session: 1, text: "Ana talked about pottery; Ben about hiking." }],
  };
}
