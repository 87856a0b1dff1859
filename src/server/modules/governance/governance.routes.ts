import type { RouteRegistry } from '../../platform/http.ts';
import { registerBodyRoutes } from './bodies.routes.ts';
import { registerCallRoutes } from './calls.routes.ts';
import { registerDecisionRoutes } from './decisions.routes.ts';
import { registerInterestRoutes } from './interests.routes.ts';
import { registerMeetingRoutes } from './meetings.routes.ts';
import { registerMotionRoutes } from './motions.routes.ts';
import { registerSolicitationRoutes } from './solicitations.routes.ts';

export function registerGovernanceRoutes(r: RouteRegistry): void {
  registerBodyRoutes(r);
  registerMeetingRoutes(r);
  registerMotionRoutes(r);
  registerInterestRoutes(r);
  registerSolicitationRoutes(r);
  registerDecisionRoutes(r);
  registerCallRoutes(r);
}
