import { describeHost } from './journeys';

describeHost({ name: 'rem62', title: 'html { font-size: 62.5% }' });
