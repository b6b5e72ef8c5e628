import { describe, expect, it } from "vitest";
import { bindToLoopback } from "./next-command";

describe("bindToLoopback", () => {
  it.each([
    [
      ["next", "dev"],
      ["next", "dev", "--hostname", "localhost"],
    ],
    [
      ["next", "start"],
      ["next", "start", "--hostname", "localhost"],
    ],
    [
      ["next", "start", "-p", "4000"],
      ["next", "start", "-p", "4000", "--hostname", "localhost"],
    ],
  ])("binds %j to loopback", (command, expected) => {
    expect(bindToLoopback(command)).toEqual(expected);
  });

  it.each([
    [["next", "start", "-H", "0.0.0.0"]],
    [["next", "dev", "--hostname", "::1"]],
    [["next", "start", "--hostname=0.0.0.0"]],
    [["next", "build"]],
    [["node", "server.js"]],
    [[]],
  ])("leaves %j as it is", (command) => {
    expect(bindToLoopback(command)).toEqual(command);
  });
});
