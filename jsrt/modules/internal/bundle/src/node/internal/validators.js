'use strict';
const { invalidArgType, validateString } = require('../../errors');

function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidArgType(name, 'of type object', value);
  }
}

module.exports = { validateObject, validateString };
