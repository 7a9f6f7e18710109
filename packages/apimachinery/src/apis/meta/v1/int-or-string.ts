// intstr.IntOrString: a field that is either a number or a string (a port
// number or a port name, a count or a percentage). The OpenAPI writer
// publishes every such union as upstream's one IntOrString definition.

import { z } from "zod";

export const IntOrStringSchema = z.union([z.number().int(), z.string()]).describe("Either an integer or a string.");

export type IntOrString = z.infer<typeof IntOrStringSchema>;
