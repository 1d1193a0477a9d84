// expect: blocked
// Hundreds of findings: the verdict lists a bounded number.
eval(1); eval(2); eval(3); eval(4); eval(5); eval(6); eval(7); eval(8); eval(9); eval(10);
eval(11); eval(12); eval(13); eval(14); eval(15); eval(16); eval(17); eval(18); eval(19); eval(20);
eval(21); eval(22); eval(23); eval(24); eval(25); eval(26); eval(27); eval(28); eval(29); eval(30);
eval(31); eval(32); eval(33); eval(34); eval(35); eval(36); eval(37); eval(38); eval(39); eval(40);
eval(41); eval(42); eval(43); eval(44); eval(45); eval(46); eval(47); eval(48); eval(49); eval(50);
eval(51); eval(52); eval(53); eval(54); eval(55); eval(56); eval(57); eval(58); eval(59); eval(60);
