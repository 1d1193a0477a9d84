const handlers = { onClick: () => 'clicked', onHover: () => 'hovered' };
const fire = (type) => handlers['on' + type[0].toUpperCase() + type.slice(1)]?.() ?? 'none';
const fields = { item_1: 'a', item_2: 'b' };
const pick = (i) => fields[`item_${i}`];
return [fire('click'), fire('hover'), fire('drag'), pick(1), pick(2)];
