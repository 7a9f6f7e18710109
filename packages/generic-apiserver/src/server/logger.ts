// Where the server reports what happened. console by default; tests pass a
// quiet one, and the binary may pass a structured logger.

export interface Logger {
  info(message: string): void;
  error(message: string, err?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message, err) => (err === undefined ? console.error(message) : console.error(message, err)),
};

export const silentLogger: Logger = {
  info: () => {},
  error: () => {},
};
