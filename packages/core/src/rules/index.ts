export { type Rule, type RuleId, type RuleKind, ruleById, rules, statutoryNumbers } from './catalogue.js';
