import { describeHost } from './journeys';

describeHost({ name: 'react', title: 'React 19 + React Router 7, client-side routes, autofocused input', apps: ['react'], autofocus: '#composer' });
