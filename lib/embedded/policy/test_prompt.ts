/**
 * A small hand-written prompt in the QA program's format, shared by the policy's unit tests.
 *
 * @module
 */

import {
  type ChatMessage,
  MEMORY_HEADER,
  renderMemoryLine,
  renderUserMessage,
} from "../../protocol/mod.ts";

/** Chat messages asking `question` over three invented memory lines. */
export function testPrompt(question = "When did Ann go to the pottery class?"): ChatMessage[] {
  const lines = [
    renderMemoryLine({
      label: "D1:3",
      date: "8 May 2023",
      tag: "",
      imageCaption: undefined,
      speaker: "Ann",
      text: "I went to a pottery class yesterday, it was so relaxing!",
    }),
    renderMemoryLine({
      label: "D2:7",
      date: "25 May 2023",
      tag: "",
      speaker: "Ben",
      text: "My brother Tom adopted two cats last week.",
      imageCaption: "a photo of two kittens",
    }),
    renderMemoryLine({
      label: "D3:1",
      date: "9 June 2023",
      tag: "(generated observation)",
      imageCaption: undefined,
      speaker: "Ann",
      text: "We camped near Lake Tahoe with the kids.",
    }),
  ];
  return [
    { role: "system", content: "Answer from the memories." },
    {
      role: "user",
      content: renderUserMessage(question, { header: MEMORY_HEADER, lines }),
    },
  ];
}
