// The public surface of src/referrals/: other folders import only this file (npm run lint checks).
export * from './referral-repository';
export * from './referral-routes';
export * from './referral-service';
