export {
  AgencyPolicy,
  decodeAgencyPolicy,
  defaultAgencyPolicy,
  type InvalidPolicy,
} from './agency-policy.js';
