import type { z } from 'zod';

/** One route of the contract: what it accepts and what it answers. */
export interface RouteDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** One line for people reading the contract and for error messages. */
  summary: string;
}

export const route = <I extends z.ZodType, O extends z.ZodType>(def: RouteDef<I, O>): RouteDef<I, O> => def;
