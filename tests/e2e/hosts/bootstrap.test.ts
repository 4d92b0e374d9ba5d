import { describeHost } from './journeys';

describeHost({ name: 'bootstrap', title: 'Bootstrap 5 CSS and JS (bootstrap.bundle)' });
