import { describeHost } from './journeys';

describeHost({ name: 'hostile-css', title: 'aggressive global * rules with !important' });
