import { UserEntity } from "./user.entity";
import { ApiKeyEntity } from "./api-key.entity";

export class UserService {
  async create(dto: CreateUserDto) {
    const user = new UserEntity();
    // The entity's @BeforeInsert hook hashes it.
    // ok: password-stored-unhashed
    user.password = dto.password;
    return this.users.save(user);
  }

  async createKey(dto: CreateKeyDto) {
    const key = new ApiKeyEntity();
    // ruleid: password-stored-unhashed
    key.password = dto.password;
    return this.keys.save(key);
  }
}
