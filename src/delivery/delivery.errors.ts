import { DomainError, ErrorDetail } from '../core/errors/domain.error';

export const deliveryNotFound = (id: number) =>
  new DomainError('DELIVERY_NOT_FOUND', `Delivery ${id} was not found in your facility`);

export const deliveryExists = () =>
  new DomainError('DELIVERY_EXISTS', 'This pregnancy already has its delivery recorded');

export const newbornNotFound = (id: number) =>
  new DomainError('NEWBORN_NOT_FOUND', `Newborn ${id} was not found in your facility`);

export const feedingEventNotFound = (id: number) =>
  new DomainError('FEEDING_EVENT_NOT_FOUND', `Feeding event ${id} was not found in your facility`);

export const deliveryInvalid = (problems: ErrorDetail[]) =>
  new DomainError('DELIVERY_RECORD_INVALID', 'The record has invalid values', problems);

export const contraindicationNotFound = (id: number) =>
  new DomainError(
    'CONTRAINDICATION_NOT_FOUND',
    `Contraindication ${id} was not found in your facility`,
  );
