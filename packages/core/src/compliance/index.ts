export {
  type CalendarUnit,
  type Collector,
  type ComplianceContext,
  collector,
  complianceContext,
  type DeadlineWithinCalendar,
  shiftWithinCalendar,
} from './context.js';
export {
  type Deadline,
  type DeadlineInput,
  type DeadlineState,
  type Finding,
  findingOfDeadline,
  judgeDeadline,
  type Subject,
} from './finding.js';
