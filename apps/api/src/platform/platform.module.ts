import { Module } from '@nestjs/common';
import { CumulativeObservationsRepository } from './cumulative-observations.repository.js';
import { DealsRepository } from './deals.repository.js';
import { ListingsRepository } from './listings.repository.js';
import { PlatformFactsService } from './platform-facts.service.js';
import { PopsciServicesRepository } from './popsci-services.repository.js';
import { RegistrationsRepository } from './registrations.repository.js';

/** The platform facts (deals, listings, registrations, 科普 service counts, cumulative observations). */
@Module({
  providers: [DealsRepository, ListingsRepository, RegistrationsRepository, PopsciServicesRepository, CumulativeObservationsRepository, PlatformFactsService],
  exports: [PlatformFactsService, CumulativeObservationsRepository],
})
export class PlatformModule {}
