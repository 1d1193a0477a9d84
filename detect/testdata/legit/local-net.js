const gross = context.gross ?? 5000;
const tax = gross * 0.2;
const net = gross - tax;
const fs = [1, 2, 3].map((f) => f * 10);
return { gross, tax, net, fs };
