// The participants screens, loaded on first use (one chunk, outside the initial bundle).
export { ParticipantsPage } from './ParticipantsPage';
export { RegisterPage } from './RegisterPage';
export { ParticipantPage } from './ParticipantPage';
