import { describeHost } from './journeys';

describeHost({ name: 'vue', title: 'Vue 3 + Vue Router 4 with a hash router', apps: ['vue'] });
