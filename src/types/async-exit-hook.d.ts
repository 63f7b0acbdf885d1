declare module 'async-exit-hook' {
  interface ExitHook {
    unhookEvent(event: string): void;
  }
  const exitHook: ExitHook;
  export default exitHook;
}
