import { InitialSchema1764100000000 } from './1764100000000-initial-schema.js';
import { BlockedIps1764190000000 } from './1764190000000-blocked-ips.js';
import { MovieSearchIndex1764200000000 } from './1764200000000-movie-search-index.js';
import { DiscoveryIndexes1764300000000 } from './1764300000000-discovery-indexes.js';
import { GenreListOrderings1764400000000 } from './1764400000000-genre-list-orderings.js';
import { MovieCounts1764500000000 } from './1764500000000-movie-counts.js';
import { UserAccessNotifications1764600000000 } from './1764600000000-user-access-notifications.js';
import { PersonalLists1764700000000 } from './1764700000000-personal-lists.js';
import { RecommenderModels1764800000000 } from './1764800000000-recommender-models.js';
import { RatingsUserRecent1764810000000 } from './1764810000000-ratings-user-recent.js';
import { RefreshTokenFamilies1764820000015 } from './1764820000015-refresh-token-families.js';
import { MovieSearchDocument1764830000018 } from './1764830000018-movie-search-document.js';

/** Every migration, oldest first. Add new ones here (explicit imports work in ESM and in jest). */
export const migrations = [
  InitialSchema1764100000000,
  BlockedIps1764190000000,
  MovieSearchIndex1764200000000,
  DiscoveryIndexes1764300000000,
  GenreListOrderings1764400000000,
  MovieCounts1764500000000,
  UserAccessNotifications1764600000000,
  PersonalLists1764700000000,
  RecommenderModels1764800000000,
  RatingsUserRecent1764810000000,
  RefreshTokenFamilies1764820000015,
  MovieSearchDocument1764830000018,
];
