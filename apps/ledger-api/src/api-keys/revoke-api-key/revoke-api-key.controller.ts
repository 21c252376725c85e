import { Delete, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ApiKeyService } from '../../auth/api-key.service';
import { ApiResource } from '../../http/api-resource';

export class KeyIdParam {
  @ApiProperty({ pattern: '^[0-9a-f]{16}$' })
  @Matches(/^[0-9a-f]{16}$/, { message: 'keyId must be 16 hexadecimal characters' })
  keyId!: string;
}

@ApiResource('api-keys', 'v1/api-keys')
export class RevokeApiKeyController {
  constructor(private readonly keys: ApiKeyService) {}

  @Delete(':keyId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'revoked; later requests with the key get 401' })
  revoke(@Param() { keyId }: KeyIdParam): Promise<void> {
    return this.keys.revoke(keyId);
  }
}
