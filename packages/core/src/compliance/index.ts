export {
  type Deadline,
  type DeadlineInput,
  type DeadlineState,
  type Finding,
  findingOfDeadline,
  judgeDeadline,
  type Subject,
} from './finding.js';
