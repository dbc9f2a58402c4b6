export * from './model';
export * from './findings';
export * from './imageRef';
export * from './errors';
export * from './profiles';
export * from './client';
export * from './lookup';
