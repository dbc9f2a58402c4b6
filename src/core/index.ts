export * from './text';
export * from './types';
export * from './config';
export * from './glob';
export * from './suppress';
export * from './fix';
export * from './secrets';
export * from './imageRef';
