import type { Order, Customer } from './types';
import { type Invoice } from './billing';
export type Total = { sum: number; count: number };
export interface Summary { top: string }
// Type-only module lines, as agents paste them at the top: erased.
const orders = [{ customer: 'ana', amount: 30 }, { customer: 'bo', amount: 12 }, { customer: 'ana', amount: 8 }] as unknown as Order[];
const byCustomer = new Map<string, number>();
for (const o of orders as any[]) byCustomer.set(o.customer, (byCustomer.get(o.customer) ?? 0) + o.amount);
const total: Total = { sum: [...byCustomer.values()].reduce((a, b) => a + b, 0), count: byCustomer.size };
let invoice: Invoice | undefined;
let customer: Customer | undefined;
return { total, top: [...byCustomer].sort((a, b) => b[1] - a[1])[0][0], invoice: invoice ?? null, customer: customer ?? null };
