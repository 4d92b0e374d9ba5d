import { describeHost } from './journeys';

// The control: a page with no framework and no CSS, the reference for widget sizes.
describeHost({ name: 'plain', title: 'plain page, no framework, no CSS' });
