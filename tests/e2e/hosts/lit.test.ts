import { describeHost } from './journeys';

describeHost({ name: 'lit', title: 'Lit web components, every control in a shadow root', apps: ['lit'] });
