/** Search routes: the results page behind the search box in every page's header. */
import { Router } from 'express';
import type { Database } from '../db';
import { createSearchController } from '../controllers/searchController';

export function searchRoutes(db: Database): Router {
  const search = createSearchController(db);
  const router = Router();
  router.get('/search', search.search);
  return router;
}
