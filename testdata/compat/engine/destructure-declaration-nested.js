const response = { data: { items: [{ id: 7, tags: ["x"] }] } };
const { data: { items: [{ id, tags: [firstTag = "none", second = "n/a"] = [] } = {}] = [] } = {} } = response;
const { meta: { page: [current = 1, total = 1] = [] } = {} } = response;
return { id, firstTag, second, current, total };
