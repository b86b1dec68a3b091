export * from './personal-lists.module.js';
export * from './personal-lists.service.js';
export { type PersonalList, removeWatchedFromWatchlistSql } from './personal-lists.repository.js';
export * from './dto/add-to-watchlist.dto.js';
export * from './dto/listed-movie-response.dto.js';
export * from './personal-list-changed.event.js';
