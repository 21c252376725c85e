import { Body, Post } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { ApiKeyService } from '../../auth/api-key.service';
import { ApiResource } from '../../http/api-resource';
import { CreateApiKeyBody, CreatedApiKeyDto } from './create-api-key.dto';

@ApiResource('api-keys', 'v1/api-keys')
export class CreateApiKeyController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  create(@Body() body: CreateApiKeyBody): Promise<CreatedApiKeyDto> {
    return this.keys.create(body.name, body.scopes);
  }
}
