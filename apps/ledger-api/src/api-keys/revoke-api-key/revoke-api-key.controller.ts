import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ApiKeyService } from '../../auth/api-key.service';
import { RequireScope } from '../../auth/scopes';

export class KeyIdParam {
  @Matches(/^[0-9a-f]{16}$/, { message: 'keyId must be 16 hexadecimal characters' })
  keyId!: string;
}

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
export class RevokeApiKeyController {
  constructor(private readonly keys: ApiKeyService) {}

  @Delete(':keyId')
  @HttpCode(204)
  @RequireScope('admin')
  @ApiNoContentResponse({ description: 'revoked; later requests with the key get 401' })
  revoke(@Param() { keyId }: KeyIdParam): Promise<void> {
    return this.keys.revoke(keyId);
  }
}
