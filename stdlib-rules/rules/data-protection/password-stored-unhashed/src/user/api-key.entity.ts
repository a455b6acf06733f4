import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("api_key")
export class ApiKeyEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  password: string;
}
